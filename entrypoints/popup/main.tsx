import { render } from 'preact';

render(<main>Local Meetups</main>, document.getElementById('app')!);
