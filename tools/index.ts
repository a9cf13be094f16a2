export { serviceGenerator } from './generators/service/generator';
