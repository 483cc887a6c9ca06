namespace ContactCenter.Contracts.Conversation;

/// <summary>The shape of the answer a prompt expects.</summary>
public enum ExpectationKind
{
    Open,
    /// <summary>One of a set of phrases (a spoken menu).</summary>
    Choice,
    /// <summary>A fixed number of digits (account number, PIN), spoken or keyed.</summary>
    Digits,
    YesNo,
}
