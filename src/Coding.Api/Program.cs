using Coding.Api;
using Coding.Api.Model;
using Coding.Core;
using Coding.Core.Model;

var builder = WebApplication.CreateBuilder(args);
builder.AddCodingCore();
builder.AddModelAdjudication();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();
app.MapHealthChecks("/health/ready");
app.MapGet("/health/live", () => Results.Ok("live"));
app.MapOpenAiCompatibleChat();
app.Run();
