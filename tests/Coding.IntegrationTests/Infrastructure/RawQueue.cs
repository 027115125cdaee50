using System.Text;
using RabbitMQ.Client;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>Plain AMQP access, for what MassTransit would never send itself: malformed bytes, and reading dead letters.</summary>
internal static class RawQueue
{
    public static async Task SendAsync(Uri rabbitMqUri, string queue, byte[] body, string contentType = "application/vnd.masstransit+json")
    {
        await using var connection = await new ConnectionFactory { Uri = rabbitMqUri }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var props = new BasicProperties { ContentType = contentType, MessageId = Guid.NewGuid().ToString(), Persistent = true };
        await channel.BasicPublishAsync("", queue, mandatory: true, props, body);
    }

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
