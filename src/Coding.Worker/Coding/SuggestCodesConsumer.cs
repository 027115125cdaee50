using Coding.Contracts;
using Coding.Core.Suggestions;
using MassTransit;

namespace Coding.Worker.Coding;

public sealed partial class SuggestCodesConsumer(SuggestionService suggestions, ILogger<SuggestCodesConsumer> log) : IConsumer<EncounterFinished>
{
    public async Task Consume(ConsumeContext<EncounterFinished> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("EncounterFinished arrived without a MessageId; it cannot be deduplicated.");
        var outcome = await suggestions.SuggestAsync(context.Message, messageId, context.CancellationToken);
        LogOutcome(log, context.Message.EncounterId, outcome);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Encounter {EncounterId}: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, Guid encounterId, SuggestOutcome outcome);
}
