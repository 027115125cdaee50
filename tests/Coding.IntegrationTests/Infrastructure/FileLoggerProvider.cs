using Microsoft.Extensions.Logging;

namespace Coding.IntegrationTests.Infrastructure;

/// <summary>Appends every in-process log line of the test run to one file under artifacts/test/logs, for the log scan.</summary>
public sealed class FileLoggerProvider : ILoggerProvider
{
    private static readonly Lock Gate = new();
    private static StreamWriter? _writer;

    public static string Path => System.IO.Path.Combine(TestWorkers.LogDirectory, "in-process.log");

    public ILogger CreateLogger(string categoryName) => new FileLogger(categoryName);

    public void Dispose()
    {
        // One writer for the whole run, shared by every host; flushed per line.
    }

    private static void Write(string line)
    {
        lock (Gate)
        {
            if (_writer is null)
            {
                Directory.CreateDirectory(TestWorkers.LogDirectory);
                _writer = new StreamWriter(Path, append: true) { AutoFlush = true };
            }
            _writer.WriteLine(line);
        }
    }

    private sealed class FileLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                Write($"{DateTime.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
        }
    }
}
