
// Topology/TopologyApplier.cs and PubSub/Durations.cs still name Pub/Sub's former error type; both
// are being moved elsewhere (the provisioner applies the topology, Contracts parses durations).
// Delete this alias with them.
// Topology/TopologyApplier.cs asks for the registry under Pub/Sub's former one-class name.
global using PubSubBroker = PicADaily.LocalCloud.PubSub.State.PubSubRegistry;
global using PubSubException = PicADaily.LocalCloud.Hosting.GoogleErrorException;
