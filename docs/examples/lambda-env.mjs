// The ready-made handler (`lambda-env.handler`): loads the MOJO named by MOJO_MODEL_PATH on its
// first event and keeps it for the container's life.
export { handler } from 'mojo-scorer/lambda';
