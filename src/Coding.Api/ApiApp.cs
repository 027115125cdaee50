using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using Coding.Api.Admin;
using Coding.Api.Auth;
using Coding.Api.Cdi;
using Coding.Api.Dashboard;
using Coding.Api.Fhir;
using Coding.Api.Hosting;
using Coding.Api.Ingest;
using Coding.Api.Model;
using Coding.Api.Pages;
using Coding.Api.Review;
using Coding.Core;
using Coding.Core.Logging;
using Coding.Core.Model;
using Coding.Core.Reviewing;

namespace Coding.Api;

/// <summary>
/// The API host as one function, so Program and the integration tests (real Kestrel on a free port) build the same app.
/// Content root is the binary's folder: wwwroot and Pages travel with the build output, whatever the working directory.
/// </summary>
public static class ApiApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        builder.AddCodingCore();
        builder.AddModelAdjudication();
        builder.AddCodingAuth();
        builder.AddRequestHardening();
        builder.AddReview();
        builder.AddDashboard();
        builder.AddCdi();
        builder.Services.AddOptions<HttpIngestOptions>().BindConfiguration("Ingest").ValidateDataAnnotations().ValidateOnStart();
        // Enums travel by name ("Icd10Cm", "Accepted"): readable by people and stable if members are ever reordered.
        // Strict escaping instead of ASP.NET Core's relaxed default: note text may hold markup, and with '<', '>', '&' and
        // quotes escaped as \uXXXX no JSON answer holds a tag, whatever a client or a sniffing browser does with it.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.Encoder = JavaScriptEncoder.Default;
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        // Last, so that it wraps every logger provider the host has by now (console, and in tests a file). While
        // PostgreSQL is down every readiness probe, failed request and outbox poll logs the same error with its stack
        // trace: written once per Logging:RepeatInterval with a count, as the worker does (issue 19's log storm).
        RepeatedLogLimiter.Apply(builder.Services, builder.Configuration.GetValue("Logging:RepeatInterval", TimeSpan.FromSeconds(10)));

        var app = builder.Build();
        app.UseRequestHardening();
        app.UseSecurityHeaders();
        // Public assets only (styles, scripts, the sign-in and refusal pages): nothing in wwwroot holds data.
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/health/ready").AllowAnonymous();
        app.MapGet("/health/live", () => Results.Ok("live")).AllowAnonymous();
        app.MapOpenAiCompatibleChat();
        app.MapAuth();
        app.MapPages();
        app.MapAdmin();
        app.MapReview();
        app.MapIngest();
        app.MapFhir();
        app.MapPipelineMetrics();
        app.MapDashboard();
        app.MapCdi();
        return app;
    }
}
