using System.Text;
using RabbitMQ.Client;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>Plain AMQP access, for what MassTransit would never send itself: malformed bytes, and reading dead letters.</summary>
internal static class RawQueue
{
    public static async Task SendAsync(Uri rabbitMqUri, string queue, byte[] body, string contentType = "application/vnd.masstransit+json",
        IDictionary<string, string>? headers = null, Guid? messageId = null)
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        if (headers is not null)
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        var props = new BasicProperties
        {
            ContentType = contentType, MessageId = (messageId ?? Guid.NewGuid()).ToString(), Persistent = true,
            Headers = headers?.ToDictionary(h => h.Key, h => (object?)Encoding.UTF8.GetBytes(h.Value)),
        };
        await channel.BasicPublishAsync("", queue, mandatory: true, props, body);
    }

    /// <summary>A MassTransit JSON envelope of an EncounterFinished, as a worker would have received it.</summary>
    public static byte[] Envelope(Guid messageId, Guid encounterId, string externalId, DateOnly dateOfService) =>
        Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            messageId,
            messageType = new[] { "urn:message:Coding.Contracts:EncounterFinished" },
            message = new { encounterId, externalId, dateOfService },
        }));

    public sealed record DeadLetter(string Body, IReadOnlyDictionary<string, string> Headers);

    /// <summary>Takes every message from a queue (acknowledging them) with its headers as text.</summary>
    public static async Task<List<DeadLetter>> DrainAsync(Uri rabbitMqUri, string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var letters = new List<DeadLetter>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } got)
        {
            var headers = (got.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(h => h.Key, h => h.Value switch { byte[] b => Encoding.UTF8.GetString(b), null => "", var v => v.ToString() ?? "" });
            letters.Add(new DeadLetter(Encoding.UTF8.GetString(got.Body.Span), headers));
        }
        return letters;
    }
}
