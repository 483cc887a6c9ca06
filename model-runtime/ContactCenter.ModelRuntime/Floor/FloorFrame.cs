namespace ContactCenter.ModelRuntime.Floor;

/// <summary>
/// One 20 ms caller frame as the floor sees it. <paramref name="Tick"/> is the call's frame counter
/// (one per 20 ms); <paramref name="Speech"/> is true when VAD heard speech that is not the bot's own echo.
/// </summary>
public readonly record struct FloorFrame(long Tick, bool Speech);
