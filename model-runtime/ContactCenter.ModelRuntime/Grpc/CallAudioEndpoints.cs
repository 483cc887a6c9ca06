using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ContactCenter.ModelRuntime.Grpc;

/// <summary>Maps the gRPC call audio service (one Converse stream per call).</summary>
public static class CallAudioEndpoints
{
    /// <summary>
    /// Maps <see cref="CallAudioService"/>. gRPC needs HTTP/2: serve it on an endpoint whose protocols are
    /// Http2 (h2c without TLS), because a cleartext endpoint that also speaks HTTP/1.1 cannot negotiate HTTP/2.
    /// </summary>
    public static IEndpointRouteBuilder MapCallAudioService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<CallAudioService>();
        return endpoints;
    }
}
