import { startSampleUpstream } from './sample-upstream';
startSampleUpstream().then(({ url }) => console.log('SAMPLE', url));
