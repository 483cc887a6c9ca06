using ContactCenter.ModelRuntime.Conversation;
using ContactCenter.ModelRuntime.Options;
using ContactCenter.ModelRuntime.Speech;
using ContactCenter.ModelRuntime.Telemetry;
using Microsoft.Extensions.Logging;

namespace ContactCenter.ModelRuntime.Engine;

/// <summary>What every call session shares with the engine: settings, event sink, telemetry, the pre-rendered filler and "mhm".</summary>
internal sealed record EngineServices(
    ModelRuntimeOptions Options,
    IConversationEvents Events,
    RuntimeTelemetry Telemetry,
    SpokenText Filler,
    SpokenText Backchannel,
    Action<AsrRequest> SubmitAsr,
    ILogger Logger)
{
    /// <summary>Called for every caller frame the floor is fed (tests and diagnostics); null in production.</summary>
    public Action<FrameTrace>? Trace { get; set; }
}
