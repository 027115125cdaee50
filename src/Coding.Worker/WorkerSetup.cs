using Coding.Core.Autonomy;
using Coding.Core;
using Coding.Core.Engine;
using Coding.Core.Logging;
using Coding.Core.Model;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using Coding.Worker.Coding;
using Coding.Worker.Health;
using Coding.Worker.Redrive;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Coding.Worker;

public static class WorkerSetup
{
    /// <summary>The coding pipeline's consuming side: engine, consumers on RabbitMQ, outbox dispatch, the stuck-encounter re-drive.</summary>
    public static IHostApplicationBuilder AddCodingWorker(this IHostApplicationBuilder builder)
    {
        builder.AddModelAdjudication();
        builder.AddSuggestionEngine();
        builder.AddAdjudicatedEngine(); // Model:Backend llama/openai: the engine's candidates go through the model
        builder.Services.AddScoped<SuggestionService>();
        builder.Services.AddScoped<AutonomousFinalizer>();
        builder.Services.AddOptions<AutonomyOptions>().BindConfiguration(AutonomyOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AutonomyOptions>, AutonomyOptionsValidator>();
        builder.Services.AddSingleton<DatabaseCircuit>();
        builder.Services.AddOptions<WorkerHealthOptions>().BindConfiguration(WorkerHealthOptions.Section);
        // MassTransit adds its own bus check (tag "ready") to the same registry.
        builder.Services.AddHealthChecks().AddCheck<DatabaseCircuitHealthCheck>("database-circuit", tags: ["ready"]);
        builder.Services.Configure<HealthCheckPublisherOptions>(o => o.Period = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton<IHealthCheckPublisher, ReadinessFilePublisher>();
        builder.AddCodingBus(bus => bus.AddConsumer<SuggestCodesConsumer, SuggestCodesConsumerDefinition>());
        builder.AddStuckEncounterRedrive();
        // Last, so that it wraps every logger provider the host has by now (console, and in tests a file).
        RepeatedLogLimiter.Apply(builder.Services, builder.Configuration.GetValue("Logging:RepeatInterval", TimeSpan.FromSeconds(10)));
        return builder;
    }
}
