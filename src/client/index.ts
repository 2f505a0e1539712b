export { WorkerConnection, type SimConnection, type FrameListener, type ErrorListener } from './connection';
export { Requests, type RequestCommand } from './requests';
