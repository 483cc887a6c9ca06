namespace ContactCenter.Sip.Transactions;

/// <summary>States of the RFC 3261 §17 transaction machines (Accepted from RFC 6026 §7).</summary>
public enum TransactionState
{
    Calling,
    Trying,
    Proceeding,
    Completed,
    Confirmed,
    Accepted,
    Terminated,
}
