using System.Net;
using ContactCenter.Media.Codecs;

namespace ContactCenter.Media.Sdp;

/// <summary>What this side can do for one call: where it receives RTP and which codecs it accepts.</summary>
public sealed class LocalMediaOffer
{
    /// <summary>Our o= identity and version counter for this call (one per dialog).</summary>
    public required LocalSdpSession Session { get; init; }

    /// <summary>The address written in c= (the public/advertised address of the RTP socket).</summary>
    public required IPAddress Address { get; init; }

    /// <summary>Our RTP port (RTCP is port + 1, RFC 3550 §11).</summary>
    public required int Port { get; init; }

    /// <summary>Codec names we accept, most preferred first; unavailable ones (G.722 without libspandsp) are ignored.</summary>
    public IReadOnlyList<string> Codecs { get; init; } = CodecRegistry.AvailableCodecs;

    /// <summary>Offer/accept RFC 4733 telephone-event.</summary>
    public bool TelephoneEvent { get; init; } = true;

    /// <summary>Dynamic payload type for telephone-event in offers we create (answers echo the offerer's).</summary>
    public int TelephoneEventPayloadType { get; init; } = 101;

    /// <summary>The direction we want (SendOnly to put the peer on hold); answers intersect it with the offer's.</summary>
    public MediaDirection Direction { get; init; } = MediaDirection.SendRecv;

    /// <summary>Packetisation time we send and ask for (RFC 4566 a=ptime).</summary>
    public int PtimeMs { get; init; } = 20;

    /// <summary>
    /// When false (default) the answer picks the first codec in <see cref="Codecs"/> that the offer
    /// contains; when true, the first codec in the offer's order that we accept.
    /// </summary>
    /// <remarks>
    /// RFC 3264 §6.1 lets the answerer choose either way. Our order is the default because the
    /// codecs are not equal to us: the engine runs at 8 kHz, so G.722's extra band is resampled
    /// away, while its coding costs about 18 µs per 20 ms frame against 0.1 µs for G.711 (see
    /// MediaBenchmarks) — 1,000 G.722 calls would need most of a core for coding alone.
    /// </remarks>
    public bool PreferOfferOrder { get; init; }
}
