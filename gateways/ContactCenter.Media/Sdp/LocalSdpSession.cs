using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace ContactCenter.Media.Sdp;

/// <summary>
/// Our side of one SDP session (one per dialog): the o= username, session id and version.
/// RFC 3264 §8: every new description we send keeps the o= line except for the version, which
/// goes up by one when the description changed; an unchanged description keeps its version
/// (and must then be byte-identical, which re-using the last body guarantees).
/// </summary>
public sealed class LocalSdpSession
{
    private readonly Lock _gate = new();
    private string? _lastBody;

    /// <summary>Creates a session with a random id (RFC 4566 §5.2 only asks that it be unique).</summary>
    public LocalSdpSession(IPAddress address, string username = "ContactCenter", ulong? sessionId = null, ulong initialVersion = 1)
    {
        Address = address;
        Username = username;
        // Keep it below 2^62 so it stays a positive 64-bit number on every peer.
        SessionId = sessionId ?? (BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 2);
        Version = initialVersion;
    }

    /// <summary>The o= address.</summary>
    public IPAddress Address { get; }

    /// <summary>The o= username.</summary>
    public string Username { get; }

    /// <summary>The o= session id.</summary>
    public ulong SessionId { get; }

    /// <summary>The version of the last description issued (or to be issued first).</summary>
    public ulong Version { get; private set; }

    /// <summary>The current o= line.</summary>
    public SdpOrigin Origin
    {
        get
        {
            lock (_gate)
            {
                return CreateOrigin();
            }
        }
    }

    /// <summary>Increments the version unconditionally and returns the new value.</summary>
    public ulong NextVersion()
    {
        lock (_gate)
        {
            return ++Version;
        }
    }

    /// <summary>Creates an offer (for a re-INVITE or an outbound call) with every codec of <paramref name="local"/>.</summary>
    public SessionDescription CreateOffer(LocalMediaOffer local) => Stamp(SdpNegotiator.BuildOffer(local));

    /// <summary>
    /// Puts our o= line on a description about to be sent, bumping the version when it differs
    /// from the last one sent (RFC 3264 §8).
    /// </summary>
    public SessionDescription Stamp(SessionDescription sdp)
    {
        string body = sdp.ToStringWithoutOrigin();
        lock (_gate)
        {
            if (_lastBody is not null && !string.Equals(_lastBody, body, StringComparison.Ordinal))
            {
                Version++;
            }

            _lastBody = body;
            sdp.Origin = CreateOrigin();
            return sdp;
        }
    }

    private SdpOrigin CreateOrigin() =>
        new(Username, SessionId.ToString(CultureInfo.InvariantCulture), Version, "IN",
            Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4", Address.ToString());
}
