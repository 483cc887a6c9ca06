using System.Text.Json;

namespace ContactCenter.Gateway.IntegrationTests.Peers;

/// <summary>
/// One event baresip's ctrl_tcp module reported, e.g. <c>CALL_ESTABLISHED</c>, <c>CALL_CLOSED</c>
/// (Param = reason), <c>CALL_RTPESTAB</c>, <c>CALL_DTMF_START</c> (Param = digit), <c>TRANSFER</c>.
/// </summary>
public sealed record BaresipEvent(
    string Type,
    string? Class,
    string? AccountAor,
    string? Direction,
    string? PeerUri,
    string? CallId,
    string? Param,
    string Json)
{
    /// <summary>When the harness received it (for ordering and timing assertions).</summary>
    public DateTimeOffset ReceivedAt { get; init; } = DateTimeOffset.UtcNow;

    public static BaresipEvent FromJson(JsonElement element) => new(
        Text(element, "type") ?? string.Empty,
        Text(element, "class"),
        Text(element, "accountaor"),
        Text(element, "direction"),
        Text(element, "peeruri"),
        Text(element, "id"),
        Text(element, "param"),
        element.GetRawText());

    public override string ToString() => Json;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
