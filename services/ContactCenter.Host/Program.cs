using ContactCenter.Gateway;
using ContactCenter.Host;
using ContactCenter.ModelRuntime;
using ContactCenter.ModelRuntime.Grpc;
using ContactCenter.Orchestrator;
using ContactCenter.ServiceDefaults;
using MassTransit;

// The all-in-one host: every ContactCenter service in one process on its embedded defaults (in-memory bus).
// The gateway reaches the in-process model runtime over gRPC on loopback (Kestrel endpoint "Grpc"), the same
// code path as a runtime on another host. `./contactcenter run` starts this.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = CommandLineShortcuts.Expand(args),
    ContentRootPath = AppContext.BaseDirectory, // appsettings.json ships beside the binary; data paths stay relative to the working directory
});

builder.AddServiceDefaults("contactcenter");
builder.Services.AddSipGateway(builder.Configuration);
builder.Services.AddCallAudioEngine(builder.Configuration);
builder.Services.AddModelRuntime(builder.Configuration);
builder.Services.AddSampleFlow(builder.Configuration);
builder.Services.AddMassTransit(bus =>
{
    bus.AddGatewayConsumers();
    bus.AddModelRuntimeConsumers();
    bus.AddSampleFlowConsumers();
    bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
});

var app = builder.Build();
app.MapCallAudioService();
app.MapDefaultEndpoints();
app.MapStatusEndpoints();
app.Run();
