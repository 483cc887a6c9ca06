namespace ContactCenter.Media.UnitTests.Sdp;

/// <summary>Offers as real peers send them.</summary>
internal static class SdpSamples
{
    // baresip 3.x offering Opus, G.722 and G.711 with telephone-event.
    public const string Baresip =
        "v=0\r\n" +
        "o=- 1766542271 3016473628 IN IP4 192.168.1.20\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.168.1.20\r\n" +
        "t=0 0\r\n" +
        "m=audio 10004 RTP/AVP 96 9 0 8 101\r\n" +
        "b=AS:128\r\n" +
        "a=rtpmap:96 opus/48000/2\r\n" +
        "a=fmtp:96 stereo=1;sprop-stereo=1\r\n" +
        "a=rtpmap:9 G722/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n" +
        "a=label:1\r\n";

    // SIPp's uac_pcap scenario (LF-only, as in the scenario file).
    public const string SippUacPcap =
        "v=0\n" +
        "o=user1 53655765 2353687637 IN IP4 127.0.0.1\n" +
        "s=-\n" +
        "c=IN IP4 127.0.0.1\n" +
        "t=0 0\n" +
        "m=audio 6000 RTP/AVP 8 101\n" +
        "a=rtpmap:8 PCMA/8000\n" +
        "a=rtpmap:101 telephone-event/8000\n" +
        "a=fmtp:101 0-15\n";

    // RFC 3264 §10.1 style offer with audio and video.
    public const string AudioVideo =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com\r\n" +
        "s=\r\n" +
        "c=IN IP4 192.0.2.101\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 0 8 97\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:97 iLBC/8000\r\n" +
        "m=video 51372 RTP/AVP 31 32\r\n" +
        "a=rtpmap:31 H261/90000\r\n" +
        "a=rtpmap:32 MPV/90000\r\n";

    // RFC 2543-style hold: connection address 0.0.0.0.
    public const string LegacyHold =
        "v=0\r\n" +
        "o=pbx 100 101 IN IP4 198.51.100.7\r\n" +
        "s=call\r\n" +
        "c=IN IP4 0.0.0.0\r\n" +
        "t=0 0\r\n" +
        "m=audio 30000 RTP/AVP 0 101\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n";

    public static string WithDirection(string direction) =>
        "v=0\r\n" +
        "o=pbx 100 102 IN IP4 198.51.100.7\r\n" +
        "s=call\r\n" +
        "c=IN IP4 198.51.100.7\r\n" +
        "t=0 0\r\n" +
        "m=audio 30000 RTP/AVP 0 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        $"a={direction}\r\n";
}
