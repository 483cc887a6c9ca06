using System.Net;
using ContactCenter.Media.Sdp;

namespace ContactCenter.Media.UnitTests.Sdp;

public class SessionDescriptionTests
{
    [Fact]
    public void Parses_a_baresip_offer()
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.Baresip);

        Assert.Equal("-", sdp.Origin!.Username);
        Assert.Equal("1766542271", sdp.Origin.SessionId);
        Assert.Equal(3016473628UL, sdp.Origin.SessionVersion);
        Assert.Equal(IPAddress.Parse("192.168.1.20"), sdp.Connection!.IPAddress);
        MediaDescription audio = Assert.Single(sdp.Media);
        Assert.Equal(("audio", 10004, "RTP/AVP"), (audio.Media, audio.Port, audio.Protocol));
        Assert.Equal(["96", "9", "0", "8", "101"], audio.Formats);
        Assert.Equal(new RtpMap(96, "opus", 48000, 2), audio.GetRtpMap(96));
        Assert.Equal(new RtpMap(9, "G722", 8000), audio.GetRtpMap(9));
        Assert.Equal("0-15", audio.GetFmtp(101));
        Assert.Equal("stereo=1;sprop-stereo=1", audio.GetFmtp(96));
        Assert.Equal(20, audio.Ptime);
        Assert.Equal(MediaDirection.SendRecv, audio.Direction);
        Assert.Equal(["AS:128"], audio.Bandwidths);
        Assert.Equal("1", audio.GetAttribute("label"));
    }

    [Fact]
    public void Parses_sipp_uac_pcap_offer_with_lf_line_ends()
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.SippUacPcap);

        MediaDescription audio = Assert.Single(sdp.Media);
        Assert.Equal(6000, audio.Port);
        Assert.Equal([8, 101], audio.PayloadTypes);
        Assert.Equal(new RtpMap(101, "telephone-event", 8000), audio.GetRtpMap(101));
        Assert.Equal("0-15", audio.GetFmtp(101));
        Assert.Null(audio.Direction);
        Assert.Equal(MediaDirection.SendRecv, sdp.GetEffectiveDirection(audio));
    }

    [Fact]
    public void Static_payload_types_without_rtpmap_use_the_rfc_3551_table()
    {
        MediaDescription audio = SessionDescription.Parse(SdpSamples.LegacyHold).Media[0];
        Assert.Equal(new RtpMap(0, "PCMU", 8000), audio.GetRtpMap(0));
        Assert.Null(audio.GetRtpMap(100));
    }

    [Fact]
    public void Parses_audio_and_video_sections_in_order()
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.AudioVideo);

        Assert.Equal(["audio", "video"], sdp.Media.Select(m => m.Media));
        Assert.Equal(string.Empty, sdp.SessionName);
        Assert.Equal(new RtpMap(31, "H261", 90000), sdp.Media[1].GetRtpMap(31));
        Assert.Equal(IPAddress.Parse("192.0.2.101"), sdp.Connection!.IPAddress);
        Assert.Equal("host.atlanta.example.com", sdp.Origin!.Address);
    }

    [Fact]
    public void Null_connection_address_is_legacy_hold()
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.LegacyHold);

        Assert.True(sdp.Connection!.IsNullAddress);
        // sendrecv from a peer that does not want to receive: it can only send (RFC 3264 §8.4).
        Assert.Equal(MediaDirection.SendOnly, sdp.GetEffectiveDirection(sdp.Media[0]));
    }

    [Theory]
    [InlineData("sendonly", MediaDirection.SendOnly)]
    [InlineData("recvonly", MediaDirection.RecvOnly)]
    [InlineData("inactive", MediaDirection.Inactive)]
    public void Reads_direction_attributes(string attribute, MediaDirection expected)
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.WithDirection(attribute));
        Assert.Equal(expected, sdp.Media[0].Direction);
        Assert.Equal(expected, sdp.GetEffectiveDirection(sdp.Media[0]));
    }

    [Fact]
    public void Session_level_direction_applies_when_the_media_has_none()
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.SippUacPcap.Replace("t=0 0\n", "t=0 0\na=sendonly\n", StringComparison.Ordinal));
        Assert.Equal(MediaDirection.SendOnly, sdp.GetEffectiveDirection(sdp.Media[0]));
    }

    [Fact]
    public void Serialises_with_crlf_and_round_trips()
    {
        SessionDescription sdp = SessionDescription.Parse(SdpSamples.Baresip);
        string text = sdp.ToString();

        Assert.Equal(SdpSamples.Baresip, text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(text, SessionDescription.Parse(text).ToString());
        Assert.EndsWith("\r\n", SessionDescription.Parse(SdpSamples.SippUacPcap).ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("o=- 1 1 IN IP4 1.2.3.4\r\n", "must start with 'v='")]
    [InlineData("v=0\r\no=- 1 x IN IP4 1.2.3.4\r\n", "line 2")]
    [InlineData("v=0\r\nm=audio port RTP/AVP 0\r\n", "bad port")]
    [InlineData("v=0\r\nthis is not sdp\r\n", "line 2")]
    [InlineData("v=0\r\nc=IN IP4\r\n", "c= line")]
    public void Garbage_is_refused_with_a_message_that_names_the_problem(string text, string expected)
    {
        Assert.False(SessionDescription.TryParse(text, out _, out string? error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SessionDescription.Parse(text.Length == 0 ? " " : text));
    }

    [Fact]
    public void Setting_direction_and_ptime_replaces_the_attribute()
    {
        MediaDescription audio = SessionDescription.Parse(SdpSamples.Baresip).Media[0];
        audio.Direction = MediaDirection.Inactive;
        audio.Ptime = 30;

        Assert.Single(audio.Attributes, a => a.Name is "sendrecv" or "inactive");
        Assert.Equal(MediaDirection.Inactive, audio.Direction);
        Assert.Equal(30, audio.Ptime);
    }
}
