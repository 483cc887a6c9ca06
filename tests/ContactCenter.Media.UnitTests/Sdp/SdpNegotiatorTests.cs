using System.Net;
using ContactCenter.Media.Codecs;
using ContactCenter.Media.Sdp;

namespace ContactCenter.Media.UnitTests.Sdp;

public class SdpNegotiatorTests
{
    private static readonly IPAddress Us = IPAddress.Parse("203.0.113.5");

    private static LocalMediaOffer Local(LocalSdpSession? session = null, IReadOnlyList<string>? codecs = null, bool preferOffer = false, MediaDirection direction = MediaDirection.SendRecv) => new()
    {
        Session = session ?? new LocalSdpSession(Us, sessionId: 4242),
        Address = Us,
        Port = 20000,
        Codecs = codecs ?? ["PCMU", "PCMA", "G722"],
        PreferOfferOrder = preferOffer,
        Direction = direction,
    };

    private static SdpAnswer Answer(string offer, LocalMediaOffer? local = null) =>
        new SdpNegotiator().Answer(SessionDescription.Parse(offer), local ?? Local());

    [Fact]
    public void Sipp_offer_gets_pcma_and_the_telephone_event_type_echoed()
    {
        SdpAnswer result = Answer(SdpSamples.SippUacPcap);

        Assert.True(result.Accepted);
        NegotiatedMedia media = result.Media!;
        Assert.Equal(("PCMA", 8, 101), (media.CodecName, media.PayloadType, media.TelephoneEventPayloadType));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6000), media.RemoteRtp);
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 6001), media.RemoteRtcp);
        Assert.Equal(MediaDirection.SendRecv, media.Direction);

        MediaDescription line = Assert.Single(result.Answer!.Media);
        Assert.Equal(["8", "101"], line.Formats);
        Assert.Equal(20000, line.Port);
        Assert.Equal("0-15", line.GetFmtp(101));
        Assert.Equal(new RtpMap(101, "telephone-event", 8000), line.GetRtpMap(101));
        Assert.Equal(MediaDirection.SendRecv, line.Direction);
        Assert.Equal("203.0.113.5", result.Answer.Connection!.Address);
        Assert.Contains("m=audio 20000 RTP/AVP 8 101\r\n", result.Answer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Our_preference_order_picks_the_codec_by_default()
    {
        // baresip prefers opus (not ours), then G.722; we prefer G.711.
        SdpAnswer result = Answer(SdpSamples.Baresip);
        Assert.Equal(("PCMU", 0), (result.Media!.CodecName, result.Media.PayloadType));
        Assert.Equal(["0", "101"], result.Answer!.Media[0].Formats);
        Assert.False(new LocalMediaOffer { Session = new LocalSdpSession(Us), Address = Us, Port = 1 }.PreferOfferOrder);
    }

    [Fact]
    public void Local_preference_order_follows_the_configured_list()
    {
        SdpAnswer result = Answer(SdpSamples.Baresip, Local(codecs: ["PCMA", "PCMU"]));
        Assert.Equal(("PCMA", 8), (result.Media!.CodecName, result.Media.PayloadType));
        Assert.Equal(["8", "101"], result.Answer!.Media[0].Formats);
    }

    [Fact]
    public void The_offers_order_applies_when_asked_skipping_codecs_we_lack()
    {
        SdpAnswer result = Answer(SdpSamples.Baresip, Local(preferOffer: true));
        Assert.Equal(("G722", 9), (result.Media!.CodecName, result.Media.PayloadType));

        SdpAnswer pcmu = Answer(SdpSamples.Baresip, Local(codecs: ["PCMA", "PCMU"], preferOffer: true));
        Assert.Equal("PCMU", pcmu.Media!.CodecName); // the offer lists 0 before 8
    }

    [Fact]
    public void Only_g722_offered_is_still_accepted()
    {
        string offer = SdpSamples.Baresip.Replace("RTP/AVP 96 9 0 8 101", "RTP/AVP 9 101", StringComparison.Ordinal);
        Assert.Equal("G722", Answer(offer).Media!.CodecName);
    }

    [Fact]
    public void Video_is_rejected_with_port_zero_in_its_place()
    {
        SdpAnswer result = Answer(SdpSamples.AudioVideo);

        Assert.True(result.Accepted);
        Assert.Equal(2, result.Answer!.Media.Count);
        Assert.Equal(("audio", 20000), (result.Answer.Media[0].Media, result.Answer.Media[0].Port));
        Assert.Equal(["0"], result.Answer.Media[0].Formats);
        Assert.Equal(("video", 0), (result.Answer.Media[1].Media, result.Answer.Media[1].Port));
        Assert.Equal(["31", "32"], result.Answer.Media[1].Formats);
        Assert.Null(result.Media!.TelephoneEventPayloadType);
    }

    [Fact]
    public void Order_is_kept_when_video_comes_first()
    {
        string offer = SdpSamples.AudioVideo;
        int video = offer.IndexOf("m=video", StringComparison.Ordinal);
        string reordered = offer[..offer.IndexOf("m=audio", StringComparison.Ordinal)] + offer[video..] + offer[offer.IndexOf("m=audio", StringComparison.Ordinal)..video];

        SdpAnswer result = Answer(reordered);

        Assert.Equal(["video", "audio"], result.Answer!.Media.Select(m => m.Media));
        Assert.Equal([0, 20000], result.Answer.Media.Select(m => m.Port));
    }

    [Fact]
    public void Only_gsm_offered_is_not_acceptable()
    {
        string offer = SdpSamples.SippUacPcap.Replace("RTP/AVP 8 101", "RTP/AVP 3", StringComparison.Ordinal).Replace("a=rtpmap:8 PCMA/8000\n", string.Empty, StringComparison.Ordinal);

        SdpAnswer result = Answer(offer);

        Assert.False(result.Accepted);
        Assert.Null(result.Answer);
        Assert.Contains("GSM/8000", result.RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_telephone_event_offered_is_not_acceptable()
    {
        string offer = SdpSamples.SippUacPcap.Replace("RTP/AVP 8 101", "RTP/AVP 101", StringComparison.Ordinal);
        SdpAnswer result = Answer(offer);
        Assert.False(result.Accepted);
        Assert.Contains("telephone-event", result.RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Secure_rtp_only_is_not_acceptable()
    {
        string offer = SdpSamples.SippUacPcap.Replace("RTP/AVP", "RTP/SAVP", StringComparison.Ordinal);
        SdpAnswer result = Answer(offer);
        Assert.False(result.Accepted);
        Assert.Contains("RTP/SAVP", result.RejectReason, StringComparison.Ordinal);
    }

    [Fact]
    public void G722_is_not_chosen_when_the_library_is_missing()
    {
        var negotiator = new SdpNegotiator(new NoG722());
        SdpAnswer result = negotiator.Answer(SessionDescription.Parse(SdpSamples.Baresip), Local(codecs: ["G722", "PCMA"]));
        Assert.Equal("PCMA", result.Media!.CodecName);

        string g722Only = SdpSamples.Baresip.Replace("RTP/AVP 96 9 0 8 101", "RTP/AVP 9 101", StringComparison.Ordinal);
        Assert.False(negotiator.Answer(SessionDescription.Parse(g722Only), Local()).Accepted);
    }

    [Theory]
    [InlineData("sendonly", MediaDirection.RecvOnly)]
    [InlineData("recvonly", MediaDirection.SendOnly)]
    [InlineData("inactive", MediaDirection.Inactive)]
    [InlineData("sendrecv", MediaDirection.SendRecv)]
    public void Direction_is_answered_per_rfc_3264(string offered, MediaDirection answered)
    {
        SdpAnswer result = Answer(SdpSamples.WithDirection(offered));

        Assert.Equal(answered, result.Answer!.Media[0].Direction);
        Assert.Equal(answered, result.Media!.Direction);
        Assert.Equal(answered.CanSend(), result.Media.Direction.CanSend());
    }

    [Fact]
    public void Legacy_hold_offer_is_answered_recvonly_and_we_do_not_send()
    {
        SdpAnswer result = Answer(SdpSamples.LegacyHold);

        Assert.True(result.Accepted);
        Assert.Equal(MediaDirection.RecvOnly, result.Media!.Direction);
        Assert.False(result.Media.Direction.CanSend());
        Assert.True(result.Media.RemoteIsNull);
    }

    [Fact]
    public void Our_own_hold_limits_the_answer()
    {
        SdpAnswer result = Answer(SdpSamples.SippUacPcap, Local(direction: MediaDirection.SendOnly));
        Assert.Equal(MediaDirection.SendOnly, result.Media!.Direction);
    }

    [Fact]
    public void Rtcp_attribute_overrides_port_plus_one()
    {
        string offer = SdpSamples.SippUacPcap + "a=rtcp:7010 IN IP4 127.0.0.2\n";
        SdpAnswer result = Answer(offer);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 7010), result.Media!.RemoteRtcp);
    }

    [Fact]
    public void Each_changed_answer_from_one_session_bumps_the_origin_version()
    {
        var session = new LocalSdpSession(Us, sessionId: 777, initialVersion: 5);
        LocalMediaOffer local = Local(session);
        var negotiator = new SdpNegotiator();

        SdpOrigin first = negotiator.Answer(SessionDescription.Parse(SdpSamples.WithDirection("sendrecv")), local).Answer!.Origin!;
        SdpOrigin hold = negotiator.Answer(SessionDescription.Parse(SdpSamples.WithDirection("sendonly")), local).Answer!.Origin!;
        SdpOrigin resume = negotiator.Answer(SessionDescription.Parse(SdpSamples.WithDirection("sendrecv")), local).Answer!.Origin!;
        SdpOrigin again = negotiator.Answer(SessionDescription.Parse(SdpSamples.WithDirection("sendrecv")), local).Answer!.Origin!;

        Assert.Equal([5UL, 6UL, 7UL], new[] { first.SessionVersion, hold.SessionVersion, resume.SessionVersion });
        // RFC 3264 §8: an unchanged description keeps its version.
        Assert.Equal(7UL, again.SessionVersion);
        Assert.All(new[] { first, hold, resume, again }, o => Assert.Equal("777", o.SessionId));
        Assert.Equal(8UL, session.NextVersion());
    }

    [Fact]
    public void Created_offer_lists_every_codec_and_telephone_event_and_reads_back_its_answer()
    {
        var session = new LocalSdpSession(Us, sessionId: 1);
        LocalMediaOffer local = Local(session, codecs: ["PCMU", "PCMA"], direction: MediaDirection.SendOnly);

        SessionDescription offer = session.CreateOffer(local);

        MediaDescription audio = Assert.Single(offer.Media);
        Assert.Equal(["0", "8", "101"], audio.Formats);
        Assert.Equal(MediaDirection.SendOnly, audio.Direction);
        Assert.Equal("0-15", audio.GetFmtp(101));

        // The peer answers our hold with recvonly and picks PCMA.
        SessionDescription answer = SessionDescription.Parse(SdpSamples.WithDirection("recvonly").Replace("RTP/AVP 0 101", "RTP/AVP 8 101", StringComparison.Ordinal).Replace("a=rtpmap:0 PCMU", "a=rtpmap:8 PCMA", StringComparison.Ordinal));
        SdpAnswer result = new SdpNegotiator().ProcessAnswer(answer, local);

        Assert.True(result.Accepted);
        Assert.Equal(("PCMA", 8, 101), (result.Media!.CodecName, result.Media.PayloadType, result.Media.TelephoneEventPayloadType));
        Assert.Equal(MediaDirection.SendOnly, result.Media.Direction);
    }

    private sealed class NoG722 : IAudioCodecFactory
    {
        public IReadOnlyList<string> AvailableCodecs => ["PCMU", "PCMA"];

        public bool IsAvailable(string name) => CodecRegistry.IsAvailable(name, spanDspAvailable: false);

        public IAudioCodec Create(string name) => CodecRegistry.Create(name);
    }
}
