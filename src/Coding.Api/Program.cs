using Coding.Api;
using Coding.Api.Cdi;
using Coding.Api.Dashboard;
using Coding.Api.Model;
using Coding.Core;
using Coding.Core.Model;

var builder = WebApplication.CreateBuilder(args);
builder.AddCodingCore();
builder.AddModelAdjudication();
builder.AddDashboard();
builder.AddCdi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

var app = builder.Build();
app.UseDefaultFiles();
app.UseStaticFiles();
app.MapHealthChecks("/health/ready");
app.MapGet("/health/live", () => Results.Ok("live"));
app.MapPipelineMetrics();
app.MapDashboardApi();
app.MapCdiApi();
app.MapOpenAiCompatibleChat();
app.Run();

public partial class Program;
