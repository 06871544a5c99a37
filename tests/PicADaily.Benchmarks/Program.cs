using PicADaily.Benchmarks.EventDelivery;

// P6: LocalCloud event delivery overhead. Usage: dotnet run -c Release --project tests/PicADaily.Benchmarks [-- messages concurrency]
var messages = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 32;
await EventDeliveryBenchmark.RunAsync(messages, concurrency, Console.Out);
