using System.Globalization;
using System.Net;
using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.Sdp;

/// <summary>
/// RFC 3264 offer/answer for a single-audio-stream gateway. As answerer (§6): one answer m-line
/// per offer m-line, in the offer's order; the first RTP/AVP audio line with a common codec is
/// accepted with exactly one codec — by default the first of <see cref="LocalMediaOffer.Codecs"/>
/// that the offer has — (so the peer can never switch codecs under us) plus RFC 4733
/// telephone-event under the offerer's payload type; every other line is rejected with port 0.
/// No usable audio line at all means the INVITE gets 488 (RFC 3261 §21.4.26).
/// </summary>
public sealed class SdpNegotiator
{
    private const string TelephoneEvent = "telephone-event";

    // RFC 4733 §3.2: events 0-15 are the DTMF digits, the only ones this gateway handles.
    private const string TelephoneEventFmtp = "0-15";

    private readonly IAudioCodecFactory _codecs;

    /// <summary>Creates a negotiator that checks codec availability with <paramref name="codecs"/> (default: <see cref="CodecFactory.Default"/>).</summary>
    public SdpNegotiator(IAudioCodecFactory? codecs = null)
    {
        _codecs = codecs ?? CodecFactory.Default;
    }

    /// <summary>Answers an offer (RFC 3264 §6); the answer is stamped with <see cref="LocalMediaOffer.Session"/>'s o= line.</summary>
    public SdpAnswer Answer(SessionDescription offer, LocalMediaOffer local)
    {
        if (offer.Media.Count == 0)
        {
            return SdpAnswer.Reject("The offer has no media lines.");
        }

        List<string> accepted = AcceptedCodecs(local);
        var answer = new SessionDescription
        {
            SessionName = "ContactCenter",
            Connection = SdpConnection.For(local.Address),
        };

        NegotiatedMedia? negotiated = null;
        var problems = new List<string>();
        foreach (MediaDescription media in offer.Media)
        {
            if (negotiated is null && TryAccept(offer, media, local, accepted, problems, out MediaDescription? line, out negotiated))
            {
                answer.Media.Add(line);
                continue;
            }

            // RFC 3264 §6: a rejected stream keeps its line with port 0 and the offered formats.
            answer.Media.Add(new MediaDescription(media.Media, 0, media.Protocol, media.Formats));
        }

        if (negotiated is null)
        {
            string detail = problems.Count > 0 ? string.Join("; ", problems) : "no audio stream offered";
            return SdpAnswer.Reject($"No acceptable audio stream ({detail}); we accept {string.Join(", ", accepted)} over RTP/AVP.");
        }

        return new SdpAnswer(true, local.Session.Stamp(answer), negotiated, null);
    }

    /// <summary>
    /// Reads the answer to an offer we sent (re-INVITE, outbound call): the first accepted audio
    /// line, the first codec in it that we know, and our direction as the answer implies it.
    /// </summary>
    public SdpAnswer ProcessAnswer(SessionDescription answer, LocalMediaOffer local)
    {
        List<string> accepted = AcceptedCodecs(local);
        var problems = new List<string>();
        foreach (MediaDescription media in answer.Media)
        {
            if (!string.Equals(media.Media, "audio", StringComparison.OrdinalIgnoreCase) || media.Port == 0 || !media.IsRtpAvp)
            {
                continue;
            }

            (int Pt, string Name)? codec = null;
            int? telephoneEvent = null;
            foreach (int pt in media.PayloadTypes)
            {
                RtpMap? map = media.GetRtpMap(pt);
                if (map is null)
                {
                    continue;
                }

                if (map.Is(TelephoneEvent) && map.ClockRate == 8000 && local.TelephoneEvent)
                {
                    telephoneEvent ??= pt;
                }
                else if (codec is null && map.ClockRate == 8000 && accepted.Contains(map.EncodingName.ToUpperInvariant()))
                {
                    codec = (pt, map.EncodingName.ToUpperInvariant());
                }
            }

            if (codec is null)
            {
                problems.Add($"answer line 'm={media.Media} {media.Port}' has no codec we sent");
                continue;
            }

            if (!TryGetRemote(answer, media, out IPEndPoint? rtp, out IPEndPoint? rtcp, out string? problem))
            {
                problems.Add(problem);
                continue;
            }

            MediaDirection ours = answer.GetEffectiveDirection(media).Reverse().Intersect(local.Direction);
            var negotiated = new NegotiatedMedia(rtp, rtcp, codec.Value.Name, codec.Value.Pt, telephoneEvent, ours, media.Ptime ?? local.PtimeMs);
            return new SdpAnswer(true, answer, negotiated, null);
        }

        return SdpAnswer.Reject(problems.Count > 0 ? string.Join("; ", problems) : "The answer accepted no audio stream.");
    }

    /// <summary>An offer with every codec we accept (in our order) plus telephone-event; not yet stamped.</summary>
    internal static SessionDescription BuildOffer(LocalMediaOffer local, IAudioCodecFactory? codecs = null)
    {
        IAudioCodecFactory factory = codecs ?? CodecFactory.Default;
        var media = new MediaDescription("audio", local.Port, "RTP/AVP", []);
        foreach (string name in local.Codecs)
        {
            string upper = name.ToUpperInvariant();
            if (factory.IsAvailable(upper) && CodecPayloadType(upper) is { } pt && !media.Formats.Contains(pt.ToString(CultureInfo.InvariantCulture)))
            {
                media.Formats.Add(pt.ToString(CultureInfo.InvariantCulture));
                media.Attributes.Add(new SdpAttribute("rtpmap", new RtpMap(pt, upper, 8000).ToString()));
            }
        }

        AddTelephoneEvent(media, local);
        media.Ptime = local.PtimeMs;
        media.Direction = local.Direction;
        return new SessionDescription
        {
            SessionName = "ContactCenter",
            Connection = SdpConnection.For(local.Address),
            Media = { media },
        };
    }

    private List<string> AcceptedCodecs(LocalMediaOffer local) =>
        [.. local.Codecs.Select(c => c.ToUpperInvariant()).Where(_codecs.IsAvailable).Distinct()];

    private static bool TryAccept(
        SessionDescription offer,
        MediaDescription media,
        LocalMediaOffer local,
        List<string> accepted,
        List<string> problems,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MediaDescription? line,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NegotiatedMedia? negotiated)
    {
        line = null;
        negotiated = null;
        if (!string.Equals(media.Media, "audio", StringComparison.OrdinalIgnoreCase) || media.Port == 0)
        {
            return false;
        }

        if (!media.IsRtpAvp)
        {
            problems.Add($"audio over {media.Protocol} is not supported");
            return false;
        }

        var candidates = new List<(int Pt, string Name)>();
        int? telephoneEvent = null;
        var offered = new List<string>();
        foreach (int pt in media.PayloadTypes)
        {
            RtpMap? map = media.GetRtpMap(pt);
            offered.Add(map is null ? pt.ToString(CultureInfo.InvariantCulture) : $"{map.EncodingName}/{map.ClockRate}");
            if (map is null)
            {
                continue;
            }

            if (map.Is(TelephoneEvent))
            {
                // RFC 4733 §2.1: the event clock must be the audio clock, 8000 for our codecs.
                if (map.ClockRate == 8000 && local.TelephoneEvent)
                {
                    telephoneEvent ??= pt;
                }

                continue;
            }

            string name = map.EncodingName.ToUpperInvariant();
            if (map.ClockRate == 8000 && map.Channels is null or 1 && accepted.Contains(name) && !candidates.Exists(c => c.Name == name))
            {
                candidates.Add((pt, name));
            }
        }

        if (candidates.Count == 0)
        {
            problems.Add($"'m=audio {media.Port}' offers {(offered.Count == 0 ? "nothing" : string.Join(", ", offered))}");
            return false;
        }

        if (!TryGetRemote(offer, media, out IPEndPoint? rtp, out IPEndPoint? rtcp, out string? problem))
        {
            problems.Add(problem);
            return false;
        }

        (int Pt, string Name) chosen = local.PreferOfferOrder
            ? candidates[0]
            : candidates.OrderBy(c => accepted.IndexOf(c.Name)).First();

        // RFC 3264 §6.1: sendonly is answered recvonly, recvonly sendonly, inactive inactive;
        // our own wish (hold) can only take directions away.
        MediaDirection direction = offer.GetEffectiveDirection(media).Reverse().Intersect(local.Direction);

        line = new MediaDescription("audio", local.Port, media.Protocol, [chosen.Pt.ToString(CultureInfo.InvariantCulture)]);
        line.Attributes.Add(new SdpAttribute("rtpmap", new RtpMap(chosen.Pt, chosen.Name, 8000).ToString()));
        if (telephoneEvent is { } te)
        {
            line.Formats.Add(te.ToString(CultureInfo.InvariantCulture));
            line.Attributes.Add(new SdpAttribute("rtpmap", new RtpMap(te, TelephoneEvent, 8000).ToString()));
            line.Attributes.Add(new SdpAttribute("fmtp", $"{te.ToString(CultureInfo.InvariantCulture)} {TelephoneEventFmtp}"));
        }

        line.Ptime = local.PtimeMs;
        line.Direction = direction;
        negotiated = new NegotiatedMedia(rtp, rtcp, chosen.Name, chosen.Pt, telephoneEvent, direction, media.Ptime ?? local.PtimeMs);
        return true;
    }

    private static bool TryGetRemote(
        SessionDescription sdp,
        MediaDescription media,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPEndPoint? rtp,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPEndPoint? rtcp,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        rtp = null;
        rtcp = null;
        SdpConnection? connection = sdp.GetConnection(media);
        if (connection is null)
        {
            problem = $"'m={media.Media} {media.Port}' has no c= line";
            return false;
        }

        if (connection.IPAddress is not { } address)
        {
            problem = $"c= address '{connection.Address}' is not an IP address";
            return false;
        }

        rtp = new IPEndPoint(address, media.Port);
        IPAddress rtcpAddress = address;
        string? rtcpAttribute = media.GetAttribute("rtcp");
        if (rtcpAttribute?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, _, _, string text] && IPAddress.TryParse(text, out IPAddress? parsed))
        {
            rtcpAddress = parsed;
        }

        // RFC 3605 a=rtcp, otherwise RFC 3550 §11: the next (odd) port.
        rtcp = new IPEndPoint(rtcpAddress, media.RtcpPort ?? Math.Min(media.Port + 1, 65535));
        problem = null;
        return true;
    }

    private static int? CodecPayloadType(string name) => name switch
    {
        "PCMU" => 0,
        "PCMA" => 8,
        "G722" => 9,
        _ => null,
    };

    private static void AddTelephoneEvent(MediaDescription media, LocalMediaOffer local)
    {
        if (!local.TelephoneEvent)
        {
            return;
        }

        int te = local.TelephoneEventPayloadType;
        media.Formats.Add(te.ToString(CultureInfo.InvariantCulture));
        media.Attributes.Add(new SdpAttribute("rtpmap", new RtpMap(te, TelephoneEvent, 8000).ToString()));
        media.Attributes.Add(new SdpAttribute("fmtp", $"{te.ToString(CultureInfo.InvariantCulture)} {TelephoneEventFmtp}"));
    }
}
