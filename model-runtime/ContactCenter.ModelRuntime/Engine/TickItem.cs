using ContactCenter.ModelRuntime.Echo;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>
/// One thing a call received this tick, in order, for the floor: a caller frame (its tick, echo verdict and VAD
/// probability) or a keypad digit (received after the frame of <see cref="Tick"/>).
/// </summary>
internal readonly record struct TickItem(long Tick, EchoVerdict Echo, float Probability, char Digit)
{
    public bool IsDigit => Digit != '\0';
}
