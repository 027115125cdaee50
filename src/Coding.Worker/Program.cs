using Coding.Core;
using Coding.Worker;

var builder = Host.CreateApplicationBuilder(args);
builder.AddCodingCore();
builder.AddCodingWorker();
builder.Build().Run();
