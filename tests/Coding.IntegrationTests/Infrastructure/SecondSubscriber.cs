using RabbitMQ.Client;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>
/// Another system subscribed to one of our events: a durable queue of its own bound to the event's exchange (it
/// survives a broker restart), read raw, so a test can count how many times each MessageId was delivered to it.
/// </summary>
internal sealed class SecondSubscriber(Uri rabbitMqUri, string queue)
{
    public static async Task<SecondSubscriber> BindAsync(Uri rabbitMqUri, Type eventType, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // MassTransit publishes a type to a fanout exchange named "Namespace:Type"; declaring it the same way is a no-op for it.
        var exchange = $"{eventType.Namespace}:{eventType.Name}";
        await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(queue, exchange, "");
        return new SecondSubscriber(rabbitMqUri, queue);
    }

    /// <summary>Takes everything delivered so far; how many times each MessageId came.</summary>
    public async Task<Dictionary<Guid, int>> DrainAsync()
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var counts = new Dictionary<Guid, int>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } got)
        {
            var id = Guid.Parse(got.BasicProperties.MessageId!);
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }
        return counts;
    }
}
