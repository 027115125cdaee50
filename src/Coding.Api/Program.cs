using Coding.Api;
using Coding.Core;

var builder = WebApplication.CreateBuilder(args);
builder.AddCodingCore();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();
app.MapHealthChecks("/health/ready");
app.MapGet("/health/live", () => Results.Ok("live"));
app.Run();
