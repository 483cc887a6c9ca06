namespace ContactCenter.LoadTest.Measurement;

/// <summary>One call's measures: one per caller turn, in the order of the turns, and every dead-air stretch.</summary>
public sealed record ConversationMeasurement(IReadOnlyList<TurnMeasurement> Turns, IReadOnlyList<DeadAir> DeadAir);
