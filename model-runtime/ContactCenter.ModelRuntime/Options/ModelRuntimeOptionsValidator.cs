using ContactCenter.ModelRuntime.Speech;
using Microsoft.Extensions.Options;

namespace ContactCenter.ModelRuntime.Options;

/// <summary>
/// Checks <see cref="ModelRuntimeOptions"/> at start-up (ValidateOnStart), naming the setting at fault, so a bad
/// configuration stops the host instead of surfacing as odd floor behaviour mid-call.
/// </summary>
public sealed class ModelRuntimeOptionsValidator : IValidateOptions<ModelRuntimeOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelRuntimeOptions options)
    {
        var failures = new List<string>();
        string section = ModelRuntimeOptions.SectionName;
        if (options.ModelsDirectory is { Length: 0 })
        {
            failures.Add($"{section}:ModelsDirectory is empty; leave it out to use the default search.");
        }

        if (options.CudaDeviceId < 0)
        {
            failures.Add($"{section}:CudaDeviceId must be 0 or more.");
        }

        if (!FliteSynthesizer.Voices.Contains(options.Voice, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{section}:Voice '{options.Voice}' is not a flite voice ({string.Join(", ", FliteSynthesizer.Voices)}).");
        }

        if (options.PromptLevelDbfs is < -40 or > -6)
        {
            failures.Add($"{section}:PromptLevelDbfs must be between -40 and -6 dBFS (or left out to play prompts as rendered).");
        }

        if (string.IsNullOrWhiteSpace(options.FillerText))
        {
            failures.Add($"{section}:FillerText must not be empty (it covers a late answer).");
        }

        if (string.IsNullOrWhiteSpace(options.BackchannelText))
        {
            failures.Add($"{section}:BackchannelText must not be empty.");
        }

        // The lower end keeps threshold - hysteresis above zero, else speech could never end.
        if (options.VadThreshold is < 0.2 or > 0.95)
        {
            failures.Add($"{section}:VadThreshold must be between 0.2 and 0.95 (speech ends {ModelRuntimeOptions.VadHysteresis} below it).");
        }

        if (options.OutputLeadFrames is < 1 or > 25)
        {
            failures.Add($"{section}:OutputLeadFrames must be between 1 and 25 (20 ms frames).");
        }

        if (options.EngineThreads is < 0 or > 256)
        {
            failures.Add($"{section}:EngineThreads must be between 0 (every core) and 256.");
        }

        if (options.AsrMaxBatch is < 1 or > 1024)
        {
            failures.Add($"{section}:AsrMaxBatch must be between 1 and 1024.");
        }

        if (options.PendingPromptTimeout <= TimeSpan.Zero || options.PendingPromptTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{section}:PendingPromptTimeout must be positive and at most 5 minutes.");
        }

        ValidateFloor(options, failures);
        if (options.Echo.Tail <= TimeSpan.Zero || options.Echo.Tail > TimeSpan.FromSeconds(1))
        {
            failures.Add($"{section}:Echo:Tail must be positive and at most 1 s.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateFloor(ModelRuntimeOptions options, List<string> failures)
    {
        var floor = options.Floor;
        string section = $"{ModelRuntimeOptions.SectionName}:Floor";
        (string Name, int Value)[] positive =
        [
            (nameof(floor.OnsetFrames), floor.OnsetFrames),
            (nameof(floor.BargeInOnsetFrames), floor.BargeInOnsetFrames),
            (nameof(floor.BackchannelMaxFrames), floor.BackchannelMaxFrames),
            (nameof(floor.BackchannelSilenceFrames), floor.BackchannelSilenceFrames),
            (nameof(floor.CompleteSilenceFrames), floor.CompleteSilenceFrames),
            (nameof(floor.SilenceFrames), floor.SilenceFrames),
            (nameof(floor.IncompleteSilenceFrames), floor.IncompleteSilenceFrames),
            (nameof(floor.FillerAfterFrames), floor.FillerAfterFrames),
            (nameof(floor.MaxTurnFrames), floor.MaxTurnFrames),
            (nameof(floor.BotBackchannelAfterFrames), floor.BotBackchannelAfterFrames),
        ];
        foreach (var (settingName, value) in positive)
        {
            if (value < 1)
            {
                failures.Add($"{section}:{settingName} must be at least 1 frame.");
            }
        }

        if (floor.AsrPrerollFrames < 0)
        {
            failures.Add($"{section}:AsrPrerollFrames must be 0 or more.");
        }

        if (floor.CompleteSilenceFrames > floor.SilenceFrames || floor.SilenceFrames > floor.IncompleteSilenceFrames)
        {
            failures.Add($"{section}: CompleteSilenceFrames <= SilenceFrames <= IncompleteSilenceFrames is required (a complete answer never waits longer than an unknown one).");
        }

        // The engine keeps this much caller audio for ASR; a longer turn could not be transcribed whole.
        if (floor.MaxTurnFrames + floor.AsrPrerollFrames > CallAudioLimit)
        {
            failures.Add($"{section}:MaxTurnFrames + AsrPrerollFrames must be at most {CallAudioLimit} frames (the engine keeps 60 s of caller audio).");
        }
    }

    /// <summary>Caller audio the engine keeps per call for ASR, in frames (60 s).</summary>
    internal const int CallAudioLimit = 3000;
}
