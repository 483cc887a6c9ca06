namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>The three baresip peers of the loopback recipes (see <see cref="PeerEndpoints"/> for their ports).</summary>
public enum PeerRole
{
    /// <summary>Places calls (no auto-answer); sends a 440 Hz tone.</summary>
    Caller,

    /// <summary>Auto-answers users <c>callee</c> and <c>bot</c>; sends a 1000 Hz tone.</summary>
    Callee,

    /// <summary>Transfer target; auto-answers <c>agent</c> (PCMU only) and <c>bot</c>; sends a 700 Hz tone.</summary>
    Agent,
}
