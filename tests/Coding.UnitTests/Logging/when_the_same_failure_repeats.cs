using Coding.Core.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coding.UnitTests.Logging;

public sealed class when_the_same_failure_repeats
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Ticks;
    }

    private sealed class Capture : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
        public void Dispose() { }
    }

    private static (ILogger Logger, Capture Capture, ManualClock Clock) Build()
    {
        var capture = new Capture();
        var clock = new ManualClock();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(clock);
        RepeatedLogLimiter.Apply(services, TimeSpan.FromSeconds(10));
        var logger = services.BuildServiceProvider().GetRequiredService<ILoggerFactory>().CreateLogger("Coding.Worker");
        return (logger, capture, clock);
    }

    [Fact]
    public void one_line_is_written_per_interval_and_the_next_says_how_many_were_left_out()
    {
        var (logger, capture, clock) = Build();
        for (var i = 0; i < 1000; i++)
        {
#pragma warning disable CA1848, CA2254 // the template is the point of the test
            logger.LogWarning(new TimeoutException(), "Publishing outbox message {MessageId} failed", Guid.NewGuid());
        }
        Assert.Single(capture.Lines);

        clock.Ticks += TimeSpan.FromSeconds(11).Ticks;
        logger.LogWarning(new TimeoutException(), "Publishing outbox message {MessageId} failed", Guid.NewGuid());

        Assert.Equal(2, capture.Lines.Count);
        Assert.EndsWith("[999 more like this in the 10 s before, not written]", capture.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void different_failures_and_information_are_not_held_back()
    {
        var (logger, capture, _) = Build();
        logger.LogWarning("PostgreSQL unreachable ({Cause})", "SocketException");
        logger.LogWarning(new TimeoutException(), "Publishing outbox message {MessageId} failed", Guid.NewGuid());
        logger.LogWarning(new IOException(), "Publishing outbox message {MessageId} failed", Guid.NewGuid());
        for (var i = 0; i < 5; i++)
            logger.LogInformation("Re-drove {Count} encounters", i);
#pragma warning restore CA1848, CA2254

        Assert.Equal(8, capture.Lines.Count);
    }
}
