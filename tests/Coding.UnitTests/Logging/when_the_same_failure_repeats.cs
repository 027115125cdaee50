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
        var (logger, captures, clock, _) = Build(1);
        return (logger, captures[0], clock);
    }

    private static (ILogger Logger, Capture[] Captures, ManualClock Clock, ServiceProvider Services) Build(int providers)
    {
        var captures = Enumerable.Range(0, providers).Select(_ => new Capture()).ToArray();
        var clock = new ManualClock();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            foreach (var capture in captures)
                b.AddProvider(capture);
            b.SetMinimumLevel(LogLevel.Trace);
        });
        services.AddSingleton<TimeProvider>(clock);
        RepeatedLogLimiter.Apply(services, TimeSpan.FromSeconds(10));
        var provider = services.BuildServiceProvider();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Coding.Worker");
        return (logger, captures, clock, provider);
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

    [Fact]
    public void every_log_destination_gets_the_first_line_and_its_own_count()
    {
        // A host logs to several places at once (console and a file, or an exporter): each keeps its own count, so the
        // first of a storm reaches them all instead of only the one asked first.
        var (logger, captures, _, _) = Build(2);
        for (var i = 0; i < 50; i++)
            logger.LogError(new TimeoutException(), "PostgreSQL unreachable ({Cause})", "SocketException");

        Assert.All(captures, c => Assert.Single(c.Lines));
    }

    [Fact]
    public void what_was_left_out_at_the_end_of_a_storm_is_counted_when_the_interval_is_over_or_the_host_stops()
    {
        var (logger, captures, clock, services) = Build(1);
        var capture = captures[0];
        for (var i = 0; i < 30; i++)
            logger.LogWarning("PostgreSQL unreachable ({Cause})", "SocketException");
        Assert.Single(capture.Lines);

        // The storm is over (the database is back): nothing like it comes again to carry the count, so the interval's
        // end writes the last line left out, with how many others were: 1 + 1 + 28 = 30.
        clock.Ticks += TimeSpan.FromSeconds(11).Ticks;
        services.GetRequiredService<IEnumerable<ILoggerProvider>>().OfType<RepeatedLogLimiter.Provider>().Single().FlushDue();
        Assert.Equal(2, capture.Lines.Count);
        Assert.EndsWith("[28 more like this in the 10 s before, not written]", capture.Lines[1], StringComparison.Ordinal);

        // A count not yet due when the host stops is written as it stops.
        for (var i = 0; i < 5; i++)
            logger.LogWarning("PostgreSQL unreachable ({Cause})", "SocketException");
        Assert.Equal(2, capture.Lines.Count);
        services.Dispose();
        Assert.Equal(3, capture.Lines.Count);
        Assert.EndsWith("[4 more like this in the 10 s before, not written]", capture.Lines[2], StringComparison.Ordinal);
    }
}
