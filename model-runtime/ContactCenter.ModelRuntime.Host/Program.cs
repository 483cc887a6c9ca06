// The model runtime as its own process. Filled in by the engine work (issue 3).
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();
