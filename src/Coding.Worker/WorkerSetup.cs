using Coding.Core;
using Coding.Core.Engine;
using Coding.Core.Model;
using Coding.Core.Suggestions;
using Coding.Worker.Coding;
using Coding.Worker.Redrive;
using MassTransit;

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
        builder.AddCodingBus(bus => bus.AddConsumer<SuggestCodesConsumer, SuggestCodesConsumerDefinition>());
        builder.AddStuckEncounterRedrive();
        return builder;
    }
}
