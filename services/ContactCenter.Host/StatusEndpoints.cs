using ContactCenter.Gateway;

namespace ContactCenter.Host;

/// <summary>A small JSON status page until the dashboard lands: where SIP listens and what is live.</summary>
internal static class StatusEndpoints
{
    public static WebApplication MapStatusEndpoints(this WebApplication app)
    {
        app.MapGet("/api/status", (SipGateway gateway) => Results.Ok(new
        {
            sip = gateway.EndPoint?.ToString(),
            activeCalls = gateway.ActiveCalls,
            calls = gateway.LiveCalls,
            pacing = gateway.Pacing,
        }));
        return app;
    }
}
