using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(CourseBot.Benchmarks.SampleCourseBenchmarks).Assembly).Run(args);
