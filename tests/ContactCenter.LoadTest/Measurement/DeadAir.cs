namespace ContactCenter.LoadTest.Measurement;

/// <summary>
/// A stretch of bot silence, longer than the dead-air threshold, while the caller waited after the turn at
/// <see cref="TurnIndex"/> (an index into the caller turns measured).
/// </summary>
public sealed record DeadAir(int TurnIndex, TimeSpan Start, TimeSpan Length);
