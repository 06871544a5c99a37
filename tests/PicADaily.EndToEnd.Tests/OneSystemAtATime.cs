// Each fixture here starts the whole system (LocalCloud or Google's emulators, five services, the
// Aspire orchestrator); three of them at once on a 2-core machine starved each other until a page
// load took longer than any honest wait. One at a time, each test sees the machine a user would.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
