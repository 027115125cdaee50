using System.Collections.Concurrent;
using MassTransit;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>Counts what a real bus actually consumed, so a test can wait for a delivery that leaves no row behind.</summary>
internal sealed class ConsumedMessages<T> : IConsumeMessageObserver<T>
    where T : class
{
    private readonly ConcurrentQueue<Guid?> _consumed = new();
    private readonly ConcurrentQueue<Guid?> _faulted = new();

    public IReadOnlyCollection<Guid?> Consumed => _consumed;
    public IReadOnlyCollection<Guid?> Faulted => _faulted;

    public Task PreConsume(ConsumeContext<T> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<T> context)
    {
        _consumed.Enqueue(context.MessageId);
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<T> context, Exception exception)
    {
        _faulted.Enqueue(context.MessageId);
        return Task.CompletedTask;
    }
}
