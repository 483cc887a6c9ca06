namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// Fixed loopback addresses of the baresip peers. They are baked into the recipe configs
/// (Peers/baresip/*/config), which is why every peer test runs in the serial
/// <c>PeersCollection</c>.
/// </summary>
public static class PeerEndpoints
{
    public const string Host = "127.0.0.1";

    public static int SipPort(PeerRole role) => role switch
    {
        PeerRole.Caller => 5064,
        PeerRole.Callee => 5062,
        PeerRole.Agent => 5066,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    public static int CtrlPort(PeerRole role) => role switch
    {
        PeerRole.Caller => 4444,
        PeerRole.Callee => 4445,
        PeerRole.Agent => 4446,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>First and last RTP port baresip may use for this role (config <c>rtp_ports</c>).</summary>
    public static (int First, int Last) RtpPorts(PeerRole role) => role switch
    {
        PeerRole.Caller => (30100, 30119),
        PeerRole.Callee => (30000, 30019),
        PeerRole.Agent => (30200, 30219),
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The folder name of the role's config, recordings and tone (<c>caller</c>, <c>callee</c>, <c>agent</c>).</summary>
    public static string Name(PeerRole role) => role switch
    {
        PeerRole.Caller => "caller",
        PeerRole.Callee => "callee",
        PeerRole.Agent => "agent",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>A SIP URI that reaches a user on this peer, e.g. <c>sip:callee@127.0.0.1:5062</c>.</summary>
    public static string Uri(PeerRole role, string user) => $"sip:{user}@{Host}:{SipPort(role)}";

    /// <summary>The tone frequency the recipe's audio file for this role carries.</summary>
    public static int ToneHz(PeerRole role) => role switch
    {
        PeerRole.Caller => 440,
        PeerRole.Callee => 1000,
        PeerRole.Agent => 700,
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
