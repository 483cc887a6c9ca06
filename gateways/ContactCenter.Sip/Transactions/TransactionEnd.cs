namespace ContactCenter.Sip.Transactions;

/// <summary>Why a transaction terminated; lets the TU tell a normal end from a failure (RFC 3261 §17.2.1, §17.2.4).</summary>
public enum TransactionEnd
{
    /// <summary>Still running.</summary>
    None,

    /// <summary>Ran its course (final response exchanged, clean-up timer fired).</summary>
    Normal,

    /// <summary>Timer B, F or H fired.</summary>
    Timeout,

    /// <summary>The transport could not send a message.</summary>
    TransportError,
}
