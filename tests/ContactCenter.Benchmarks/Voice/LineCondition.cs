namespace ContactCenter.Benchmarks.Voice;

/// <summary>
/// What the caller's line adds to the caller's voice: the bot's own audio leaking back (hybrid or acoustic echo,
/// <paramref name="EchoDelayMs"/> late and <paramref name="EchoAttenuationDb"/> quieter; no echo when the
/// attenuation is null) and white noise at <paramref name="NoiseDbfs"/> RMS (none when null). With
/// <paramref name="OutputJitter"/>, the transport between engine and gateway is late by one tick at the start of every
/// other stretch of bot speech (as a gRPC stream on a loaded host is now and then): the gateway then plays the bot's
/// frames one tick later than the engine counts on, so the bot's echo reaches the engine 20 ms later than its echo
/// reference says, differently from one prompt to the next.
/// </summary>
internal sealed record LineCondition(string Name, int EchoDelayMs, double? EchoAttenuationDb, double? NoiseDbfs, bool OutputJitter = false)
{
    public static LineCondition Clean { get; } = new("clean", 0, null, null);

    public double EchoGain => EchoAttenuationDb is { } db ? Math.Pow(10, -db / 20) : 0;

    /// <summary>The gain that brings <paramref name="noise"/> (sox white noise) to <see cref="NoiseDbfs"/>.</summary>
    public double NoiseGain(short[] noise) =>
        NoiseDbfs is { } dbfs ? Math.Pow(10, (dbfs - TestAudio.RmsDbfs(noise)) / 20) : 0;

    public override string ToString() => Name;
}
