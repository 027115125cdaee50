using System.CommandLine;
using Coding.Cli.Commands;

var root = new RootCommand("coding — computer-assisted coding: ingest encounters, run the pipeline, report");
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(IngestCommand.Create());
root.Subcommands.Add(StatusCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(DeadLettersCommand.Create());
root.Subcommands.Add(CodebookCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(AutonomyCommand.Create());
root.Subcommands.Add(QueriesCommand.Create());
root.Subcommands.Add(UsersCommand.Create());
root.Subcommands.Add(ModelCommand.Create());
root.Subcommands.Add(DeidCommand.Create());
return await root.Parse(args).InvokeAsync();
