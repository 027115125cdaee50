using Coding.Contracts;
using Coding.Core.Messaging;
using Coding.Core.Suggestions;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Coding.Worker.Coding;

public sealed partial class SuggestCodesConsumer(
    SuggestionService suggestions,
    DatabaseCircuit circuit,
    IOptions<MessagingOptions> options,
    ILogger<SuggestCodesConsumer> log) : IConsumer<EncounterFinished>
{
    public async Task Consume(ConsumeContext<EncounterFinished> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("EncounterFinished arrived without a MessageId; it cannot be deduplicated.");
        // Inside the retry filter, so every attempt first waits while PostgreSQL is down instead of spending a retry on it.
        await circuit.WaitUntilClosedAsync(options.Value.OutageMaxWait, context.CancellationToken);
        try
        {
            var outcome = await suggestions.SuggestAsync(context.Message, messageId, context.CancellationToken);
            LogOutcome(log, context.Message.EncounterId, outcome);
        }
        catch (Exception e) when (TransientFaults.IsTransient(e))
        {
            circuit.Trip(e);
            throw;
        }
    }

    // Debug, not Information: at 100 encounters/s a console line per message costs more CPU than it tells an operator,
    // who reads throughput from `coding status`, /metrics and the audit trail instead.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Encounter {EncounterId}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, Guid encounterId, SuggestOutcome outcome);
}
