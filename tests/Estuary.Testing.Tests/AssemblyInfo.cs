using Estuary;

// Named after the project rather than its last segment ("Tests"), so the module reads as this project's.
[assembly: EstuaryModule("TestingTests")]
