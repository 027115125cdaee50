using Coding.Core.Codebooks;
using Coding.Core.Data;
using Coding.Core.Ingest;
using Coding.Core.Messaging;
using Coding.Core.Notes;
using Coding.Core.Severity;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Coding.Core;

public static class CodingCoreSetup
{
    /// <summary>Storage, note protection and ingest: what every host (worker, API, CLI) needs.</summary>
    public static IHostApplicationBuilder AddCodingCore(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(Database.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{Database.ConnectionStringName} is not configured (run `eval \"$(scripts/infra.sh env)\"`).");
        // Pooled: a worker creates a context per message, and building one is a measurable share of its CPU under load.
        builder.Services.AddDbContextPool<CodingDbContext>(o => Database.Configure(o, connectionString));
        // Only migrations and codebook imports resolve this one; the API and workers are normally given no owner login.
        var ownerConnectionString = builder.Configuration.GetConnectionString(Database.OwnerConnectionStringName) ?? connectionString;
        builder.Services.AddKeyedScoped(Database.Owner, (_, _) => Database.CreateContext(ownerConnectionString));

        builder.Services.AddOptions<NoteProtectionOptions>().BindConfiguration(NoteProtectionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<NoteProtector>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<EncounterIngestor>();
        builder.Services.AddScoped<JsonlIngest>();
        builder.AddCodebooks();
        builder.AddSeverity();
        return builder;
    }

    /// <summary>RabbitMQ via MassTransit plus the outbox dispatcher. Consumers are registered by the caller.</summary>
    public static IHostApplicationBuilder AddCodingBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> consumers)
    {
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMassTransit(x =>
        {
            consumers(x);
            x.UsingRabbitMq((context, cfg) =>
            {
                var o = context.GetRequiredService<Microsoft.Extensions.Options.IOptions<MessagingOptions>>().Value;
                cfg.Host(o.RabbitMqUri);
                cfg.PrefetchCount = o.PrefetchCount;
                cfg.ConfigureEndpoints(context);
            });
        });
        // Start the bus (and so declare our queues and bindings) before the dispatcher publishes: a message published
        // to an exchange before the consuming queue is bound would be dropped by RabbitMQ.
        builder.Services.AddOptions<MassTransitHostOptions>().Configure<IOptions<MessagingOptions>>((o, messaging) =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromMinutes(2);
            o.StopTimeout = TimeSpan.FromSeconds(30);
            // Messages still held when the worker stops (waiting at an open database circuit) are cancelled back to the queue.
            o.ConsumerStopTimeout = messaging.Value.ConsumerStopTimeout;
        });
        builder.Services.AddHostedService<OutboxDispatcher>();
        return builder;
    }
}
