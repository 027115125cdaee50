using Coding.Core.Engine;
using Coding.Core.Messaging;
using Coding.Core.Notes;
using Coding.Core.Suggestions;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Coding.Worker.Coding;

public sealed class SuggestCodesConsumerDefinition : ConsumerDefinition<SuggestCodesConsumer>
{
    private readonly MessagingOptions _options;

    public SuggestCodesConsumerDefinition(IOptions<MessagingOptions> options)
    {
        _options = options.Value;
        EndpointName = SuggestionService.ConsumerName;
        ConcurrentMessageLimit = _options.ConcurrencyLimit;
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<SuggestCodesConsumer> consumer, IRegistrationContext context)
    {
        // Endpoint filters run outside the retry (MassTransit applies endpoint retry to each consumer's message pipe).
        endpoint.UseFilter(new TransientFaultFilter());
        endpoint.UseMessageRetry(r =>
        {
            r.Exponential(_options.RetryLimit, _options.RetryMinInterval, _options.RetryMaxInterval, TimeSpan.FromMilliseconds(100));
            // Faults that no retry can fix go straight to suggest-codes_error with their reason.
            r.Ignore<EncounterNotFoundException>();
            r.Ignore<NoteUnreadableException>();
            r.Ignore<InvalidEngineOutputException>();
            r.Ignore<NoCodebookInForceException>();
        });
    }
}
