namespace ContactCenter.Sip.Transactions;

/// <summary>
/// RFC 3261 §17 timer base values (Table 4 in Appendix A) and the timers derived from them.
/// Reliable transports (TCP) zero D, I, J and K and never retransmit (timers A, E, G).
/// </summary>
public sealed record SipTimers
{
    /// <summary>Default values: T1 500 ms, T2 4 s, T4 5 s.</summary>
    public static SipTimers Default { get; } = new();

    /// <summary>RTT estimate.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmit interval for non-INVITE requests and INVITE responses.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum time a message stays in the network.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>RFC 3261 §17.2.1: send 100 Trying when the TU has not answered an INVITE in this time.</summary>
    public TimeSpan TryingDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Timer B (INVITE), F (non-INVITE), H (ACK wait), L and M (RFC 6026): 64*T1.</summary>
    public TimeSpan TransactionTimeout => 64 * T1;

    /// <summary>Timer D: at least 32 s for unreliable transports, 0 for reliable (RFC 3261 §17.1.1.2).</summary>
    public TimeSpan TimerD(bool reliable) =>
        reliable ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Max(32, TransactionTimeout.TotalSeconds));

    /// <summary>Timer I (§17.2.1) and K (§17.1.2.2): T4, 0 for reliable transports.</summary>
    public TimeSpan TimerIorK(bool reliable) => reliable ? TimeSpan.Zero : T4;

    /// <summary>Timer J (§17.2.2): 64*T1, 0 for reliable transports.</summary>
    public TimeSpan TimerJ(bool reliable) => reliable ? TimeSpan.Zero : TransactionTimeout;

    /// <summary>Next interval of a capped doubling retransmit timer (E and G): MIN(2*previous, T2).</summary>
    public TimeSpan NextCapped(TimeSpan previous) => previous * 2 < T2 ? previous * 2 : T2;
}
