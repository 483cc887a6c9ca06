using ContactCenter.Gateway;
using ContactCenter.Host;
using ContactCenter.ServiceDefaults;
using MassTransit;

// The all-in-one host: every ContactCenter service in one process on its embedded defaults
// (in-memory bus, built-in media loop). `./contactcenter run` starts this.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = CommandLineShortcuts.Expand(args),
    ContentRootPath = AppContext.BaseDirectory, // appsettings.json ships beside the binary; data paths stay relative to the working directory
});

builder.AddServiceDefaults("contactcenter");
builder.Services.AddSipGateway(builder.Configuration);
builder.Services.AddMediaLoopEngine(builder.Configuration);
builder.Services.AddMassTransit(bus =>
{
    bus.AddGatewayConsumers();
    bus.UsingInMemory((context, transport) => transport.ConfigureEndpoints(context));
});

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapStatusEndpoints();
app.Run();
