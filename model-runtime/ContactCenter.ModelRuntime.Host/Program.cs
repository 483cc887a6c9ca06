using ContactCenter.ModelRuntime;
using ContactCenter.ModelRuntime.Grpc;
using ContactCenter.ModelRuntime.Host;
using ContactCenter.ServiceDefaults;

// The model runtime as its own process: the full-duplex engine, its gRPC call audio service (Kestrel
// endpoint "Grpc", HTTP/2 only, appsettings.json) and its bus consumers (RabbitMQ when Bus:RabbitMq:Host is set).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory, // appsettings.json ships beside the binary; model paths stay relative to the working directory
});

builder.AddServiceDefaults("model-runtime");
builder.Services.AddModelRuntime(builder.Configuration);
builder.Services.AddRuntimeBus(builder.Configuration);

var app = builder.Build();
app.MapCallAudioService();
app.MapDefaultEndpoints();
app.Run();
